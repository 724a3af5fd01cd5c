// One resident's order: what was asked, by whom, its state and age; the
// station's moves — 派单 to a team, 退回, 接单 (planning its activity).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { OrderItem } from '../../../../domain/api/volunteers.ts';
import { useKinds } from '../activities/api.ts';
import { PlaceSelect } from '../inspections/pickers.tsx';
import { useMe } from '../../api/queries.ts';
import { useOrder, useTeams } from './api.ts';
import { ORDER_COLORS } from './OrdersTab.tsx';

export default function OrderPage() {
  const id = Number(useParams().id);
  const o = useOrder(id).data;
  const [move, setMove] = useState<'dispatch' | 'return' | 'accept' | null>(null);
  if (!o) return <Card loading />;
  return (
    <Card
      title={`${o.kind} · ${o.station.name}`}
      extra={
        <Space>
          {o.can.dispatch && (
            <Button type="primary" onClick={() => setMove('dispatch')}>
              派单
            </Button>
          )}
          {o.can.accept && (
            <Button type="primary" onClick={() => setMove('accept')}>
              接单并安排活动
            </Button>
          )}
          {o.can.return && <Button onClick={() => setMove('return')}>退回</Button>}
        </Space>
      }
    >
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="状态">
          <Tag color={ORDER_COLORS[o.state]}>{o.stateLabel}</Tag>
          {(o.state === 'received' || o.state === 'dispatched') && `已等 ${o.ageDays} 天`}
        </Descriptions.Item>
        <Descriptions.Item label="点单时间">{new Date(o.createdAt).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label="期望时间">{`${o.wishedOn}${o.wishedTime ? ` ${o.wishedTime}` : ''}`}</Descriptions.Item>
        <Descriptions.Item label="服务地点">{o.place}</Descriptions.Item>
        <Descriptions.Item label="联系人">{o.contactName}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{o.contactPhone}</Descriptions.Item>
        <Descriptions.Item label="需求说明" span={2}>
          {o.details ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="志愿服务队">{o.team?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="活动">{o.activityId ? <Link to={`/activities/${o.activityId}`}>查看活动</Link> : '—'}</Descriptions.Item>
        {o.returnReason && <Descriptions.Item label="退回原因">{o.returnReason}</Descriptions.Item>}
        <Descriptions.Item label="群众评价">{o.rating ? `${o.rating} 分${o.ratingComment ? `：${o.ratingComment}` : ''}` : '—'}</Descriptions.Item>
      </Descriptions>
      {move && <MoveModal order={o} move={move} onClose={() => setMove(null)} />}
    </Card>
  );
}

interface Values {
  teamId?: number;
  reason?: string;
  title?: string;
  kindId?: number;
  placeId?: number;
  onDate?: Dayjs;
}

function MoveModal({ order, move, onClose }: { order: OrderItem; move: 'dispatch' | 'return' | 'accept'; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const teams = (useTeams().data?.items ?? []).filter((t) => t.regionCode.startsWith(order.regionCode.slice(0, 9)));
  const kinds = (useKinds().data?.items ?? []).filter((k) => k.active);
  // Places are searched on the server (a page of them): staff within the order's town; a team's leader within their team's region (their scope).
  const staff = !!useMe().data?.can['order.manage'];
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.post(
        `/volunteers/orders/${order.id}/${move}`,
        move === 'dispatch'
          ? { version: order.version, teamId: v.teamId }
          : move === 'return'
            ? { version: order.version, reason: v.reason }
            : { version: order.version, plan: { title: v.title, kindId: v.kindId, placeId: v.placeId, onDate: v.onDate?.format('YYYY-MM-DD') } },
      ),
    ok: { dispatch: '已派单', return: '已退回', accept: '已接单，活动已列入计划' }[move],
    invalidate: [keys.volunteers.all, keys.activities.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={{ dispatch: '派单', return: '退回点单', accept: '接单并安排活动' }[move]}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ title: `${order.kind}志愿服务` }}>
        {move === 'dispatch' && (
          <Form.Item name="teamId" label="志愿服务队" rules={[{ required: true, message: '请选择志愿服务队' }]}>
            <Select options={teams.map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
        )}
        {move === 'return' && (
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请填写原因' }]}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        )}
        {move === 'accept' && (
          <>
            <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="kindId" label="活动类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={kinds.map((k) => ({ value: k.id, label: k.name }))} />
            </Form.Item>
            <Form.Item name="placeId" label="活动地点" rules={[{ required: true, message: '请选择地点' }]}>
              <PlaceSelect regionCode={staff ? order.regionCode.slice(0, 9) : null} placeholder="输入名称查找地点" />
            </Form.Item>
            <Form.Item name="onDate" label="活动日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker inputReadOnly />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
